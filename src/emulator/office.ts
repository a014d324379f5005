/** A stand-in for the `Office` global: onReady, displayLanguage, requirement sets. */

export interface EmulatedOffice {
  onReady(callback?: (info: { host: 'Excel'; platform: 'OfficeOnline' }) => void): Promise<{ host: 'Excel'; platform: 'OfficeOnline' }>;
  context: {
    displayLanguage: string;
    contentLanguage: string;
    requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
  };
  HostType: { Excel: 'Excel' };
  PlatformType: { OfficeOnline: 'OfficeOnline' };
}

/** `1.12` > `1.9`: requirement set versions compare part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function createOffice(displayLanguage: string, apiVersion: string): EmulatedOffice {
  const info = { host: 'Excel', platform: 'OfficeOnline' } as const;
  return {
    onReady(callback) {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage,
      contentLanguage: displayLanguage,
      requirements: {
        isSetSupported(name: string, minVersion?: string | number) {
          if (typeof name !== 'string' || name.toLowerCase() !== 'excelapi') return false;
          if (minVersion === undefined || minVersion === null || minVersion === '') return true;
          const wanted = String(minVersion);
          return compareVersions(wanted, apiVersion) <= 0;
        },
      },
    },
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
  };
}
