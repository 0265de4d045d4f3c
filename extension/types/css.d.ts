// The static-site bundle inlines the stylesheet as text (esbuild's text loader).
declare module '*.css' {
  const text: string;
  export default text;
}
