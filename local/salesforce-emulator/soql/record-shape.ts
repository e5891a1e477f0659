/** The `attributes` block of a record in REST responses. */
export function recordUrl(version: string, object: string, id: string): string {
  return `/services/data/v${version}/sobjects/${object}/${id}`;
}

/** The `attributes` of a record in a REST answer: its type and URL. */
export function attributes(version: string, object: string, id: string): { type: string; url: string } {
  return { type: object, url: recordUrl(version, object, id) };
}
