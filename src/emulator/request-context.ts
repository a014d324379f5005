/** `Excel.RequestContext` of the emulated host: the queue plus the workbook and application proxies. */
import { RequestContextCore, type Host } from './context';
import { Workbook, type Application } from './worksheet';

export class RequestContext extends RequestContextCore {
  readonly workbook: Workbook;
  readonly application: Application;

  constructor(host: Host, delayForCellEdit = false) {
    super(host, delayForCellEdit);
    this.workbook = new Workbook(this);
    this.application = this.workbook.application;
  }
}
