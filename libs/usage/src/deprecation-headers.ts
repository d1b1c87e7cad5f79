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
  /** The page where a user creates the API token that replaces the session (rel="help"), if there is one. */
  helpUrl?: string;
}

export function assertValidSchedule(schedule: DeprecationSchedule): void {
  if (Number.isNaN(schedule.deprecatedAt.getTime()) || Number.isNaN(schedule.sunsetAt.getTime())) {
    throw new Error('Deprecation and sunset dates must be valid dates');
  }
  if (schedule.sunsetAt.getTime() < schedule.deprecatedAt.getTime()) {
    throw new Error('The sunset date must not be earlier than the deprecation date (RFC 9745 §3)');
  }
}

export function deprecationHeaders(schedule: DeprecationSchedule): Record<'Deprecation' | 'Sunset', string> & { Link: string | string[] } {
  const sunsetUrl = schedule.sunsetUrl ?? schedule.docsUrl;
  const link = `<${schedule.docsUrl}>; rel="deprecation"; type="text/html", <${sunsetUrl}>; rel="sunset"; type="text/html"`;
  return {
    Deprecation: `@${Math.floor(schedule.deprecatedAt.getTime() / 1000)}`,
    Sunset: schedule.sunsetAt.toUTCString(),
    // The help page in a Link field of its own, beside the deprecation one (RFC 8288 allows both forms).
    Link: schedule.helpUrl ? [link, `<${schedule.helpUrl}>; rel="help"; type="text/html"`] : link,
  };
}
