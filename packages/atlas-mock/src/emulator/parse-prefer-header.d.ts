declare module 'parse-prefer-header' {
  /** Parses an RFC 7240 `Prefer` header into its preferences, by camel-cased name. */
  export default function parsePreferHeader(
    prefer: string | string[] | undefined,
  ): Record<string, string | true>;
}
