/**
 * The time-series view as an anywidget ES module (kernel/widgets-views.ts sends it as `_esm`):
 * draws the `payload` trait (the same JSON as the time-series MIME bundle) and redraws it in
 * place when the trait changes.
 */
import type { AnyModel } from './mount';
import { SeriesChart } from './series-chart';

export default {
  render({ model, el }: { model: AnyModel; el: HTMLElement }): () => void {
    const chart = new SeriesChart();
    el.append(chart.node);
    const draw = () => chart.setPayload(model.get('payload'));
    draw();
    model.on('change:payload', draw);
    return () => {
      model.off('change:payload', draw);
      chart.node.remove();
    };
  },
};
