// The parts of plotly.js this extension calls (the basic dist ships no type declarations).
declare module 'plotly.js-basic-dist-min' {
  interface PlotlyStatic {
    newPlot(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<HTMLElement>;
    react(el: HTMLElement, data: unknown[], layout?: unknown, config?: unknown): Promise<HTMLElement>;
    relayout(el: HTMLElement, update: Record<string, unknown>): Promise<HTMLElement>;
    purge(el: HTMLElement): void;
    toImage(el: HTMLElement, opts: { format: 'png'; width?: number; height?: number }): Promise<string>;
    Plots: { resize(el: HTMLElement): Promise<void> | void };
  }
  const Plotly: PlotlyStatic;
  export default Plotly;
}
