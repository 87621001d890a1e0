import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Only what these charts draw: bars, one target line, their scales, legend and tooltips.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = '#101418';

/** Series colours with at least 3:1 contrast on white, told apart by the legend and tooltips too. */
export const SERIES = ['#00529b', '#b35900', '#0b6b2e', '#6a1b9a'];

/**
 * A chart.js chart on a canvas, updated in place when its data changes (no animation: the figures
 * must be readable at once, also on slow devices). The canvas is an image for screen readers; the
 * same figures are in the table.
 */
export function ChartCanvas({
  config,
  label,
  testId,
}: {
  config: ChartConfiguration<'bar' | 'line', Array<number | null>, string>;
  label: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar' | 'line', Array<number | null>, string> | null>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    chart.current = new Chart(canvas.current, config);
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data = config.data;
    c.update('none');
  }, [config]);
  return (
    <div class="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}

export function barOptions(
  yTitle: string,
  max?: number,
): NonNullable<ChartConfiguration<'bar'>['options']> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    scales: {
      y: { beginAtZero: true, max, title: { display: true, text: yTitle } },
      x: { ticks: { autoSkip: false, maxRotation: 45 } },
    },
    plugins: { legend: { position: 'bottom' } },
  };
}
