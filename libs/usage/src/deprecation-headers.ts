/**
 * Deprecation signalling on the wire: RFC 9745 `Deprecation` (a Structured Field Date,
 * `@<unix seconds>`), RFC 8594 `Sunset` (an HTTP-date) and `Link` relations pointing at the
 * migration guide. RFC 9745 forbids a Sunset earlier than the Deprecation date.
 */
export interface DeprecationSchedule {
  deprecatedAt: Date;
  sunsetAt: Date;
  /** Where clients learn what to use instead (rel="deprecation"). */
  docsUrl: string;
  /** Where the switch-off is announced (rel="sunset"); defaults to docsUrl. */
  sunsetUrl?: string;
}

export function assertValidSchedule(schedule: DeprecationSchedule): void {
  if (Number.isNaN(schedule.deprecatedAt.getTime()) || Number.isNaN(schedule.sunsetAt.getTime())) {
    throw new Error('Deprecation and sunset dates must be valid dates');
  }
  if (schedule.sunsetAt.getTime() < schedule.deprecatedAt.getTime()) {
    throw new Error('The sunset date must not be earlier than the deprecation date (RFC 9745 §3)');
  }
}

export function deprecationHeaders(schedule: DeprecationSchedule): Record<'Deprecation' | 'Sunset' | 'Link', string> {
  const sunsetUrl = schedule.sunsetUrl ?? schedule.docsUrl;
  return {
    Deprecation: `@${Math.floor(schedule.deprecatedAt.getTime() / 1000)}`,
    Sunset: schedule.sunsetAt.toUTCString(),
    Link: `<${schedule.docsUrl}>; rel="deprecation"; type="text/html", <${sunsetUrl}>; rel="sunset"; type="text/html"`,
  };
}
