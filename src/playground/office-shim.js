/*
 * Playground only (dist/playground/pane.html): stands in for Microsoft's office.js. Runs before
 * the task-pane bundle and copies Office, Excel and OfficeExtension from the emulated workbook
 * the parent page (dist/playground/index.html) publishes as window.__emulatedExcel. Nothing is
 * requested from appsforoffice.microsoft.com.
 */
(function () {
  var source;
  try {
    source = window.parent !== window ? window.parent.__emulatedExcel : undefined;
  } catch (_error) {
    source = undefined; // a parent from another origin
  }
  if (!source || !source.Office || !source.Excel) {
    console.warn('[playground] no emulated Excel on the parent page: the task pane runs as outside Office.');
    return;
  }
  window.Office = source.Office;
  window.Excel = source.Excel;
  window.OfficeExtension = source.OfficeExtension;
})();
