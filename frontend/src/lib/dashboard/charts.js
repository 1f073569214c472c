// The chart library, loaded on demand (dynamic import) so the panel's first load does not carry it. Chart.js 4,
// tree-shaken: only bar charts, their scales, legend and tooltip are registered.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/**
 * Draws a bar chart on `canvas`; returns the Chart (call destroy() when done).
 * @param {{labels: string[], datasets: object[]}} data
 * @param {{stacked?: boolean, horizontal?: boolean}} options
 */
export function barChart(canvas, data, { stacked = false, horizontal = false } = {}) {
  return new Chart(canvas, {
    type: 'bar',
    data,
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: stacked || data.datasets.length > 1, position: 'bottom' } },
      scales: {
        x: { stacked, beginAtZero: true, ticks: { precision: 0 } },
        y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
}
