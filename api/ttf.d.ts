// A TrueType font imported as bytes: wrangler's Data rule for *.ttf (wrangler.toml), Workers only.
declare module '*.ttf' {
  const bytes: ArrayBuffer;
  export default bytes;
}
