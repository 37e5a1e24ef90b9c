// A place in the author's files as tools print it (`file:line:column`). Plain data with no imports, so the
// report page's bundled simulator can print places too (source-places.ts finds them, in Node).

export interface SourcePlace {
  /** Relative to the working directory when inside it. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export function placeText(place: SourcePlace | undefined): string {
  return place ? `${place.file}:${place.line}:${place.column}` : "";
}
