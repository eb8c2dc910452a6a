/** New-unique vs duplicate messages per checkpoint over time: stacked bars in inline SVG. */
import { useLayoutEffect, useRef, useState } from 'react';
import { dateTime, num, shortDate, shortTime } from '../../ui/format';

export interface ChartPoint {
  id: string;
  createdAt: string;
  newUnique: number;
  duplicates: number;
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  const f = v / p;
  const n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return n * p;
}

export function DedupChart({ points, max = 40 }: { points: ChartPoint[]; max?: number }) {
  const data = [...points].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(-max);
  // Drawn at the width it is shown at, so text and bars keep their proportions.
  const ref = useRef<HTMLElement>(null);
  const [W, setW] = useState(720);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setW(Math.max(320, Math.round(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const H = 200;
  const pad = { l: 48, r: 12, t: 12, b: 28 };
  const innerW = W - pad.l - pad.r;
  const innerH = H - pad.t - pad.b;
  const top = niceMax(Math.max(1, ...data.map((d) => d.newUnique + d.duplicates)));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(top * f));
  const slot = innerW / Math.max(1, data.length);
  const barW = Math.max(3, Math.min(40, slot * 0.6));
  const y = (v: number) => pad.t + innerH - (v / top) * innerH;
  const labelEvery = Math.max(1, Math.ceil(data.length / 8));
  // All on one day: label the bars with the time instead of the (same) date.
  const oneDay =
    data.length > 1 && shortDate(data[0]!.createdAt) === shortDate(data[data.length - 1]!.createdAt);
  const label = (t: string) => (oneDay ? shortTime(t) : shortDate(t));
  const totalNew = data.reduce((a, d) => a + d.newUnique, 0);
  const totalDup = data.reduce((a, d) => a + d.duplicates, 0);
  return (
    <figure className="chart" ref={ref}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`New unique and duplicate messages for the last ${data.length} checkpoints: ${num(totalNew)} new unique, ${num(totalDup)} duplicates`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line className="chart-grid" x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} />
            <text className="chart-axis" x={pad.l - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {num(t)}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = pad.l + i * slot + (slot - barW) / 2;
          const hNew = innerH * (d.newUnique / top);
          const hDup = innerH * (d.duplicates / top);
          return (
            <g key={d.id}>
              <title>{`${dateTime(d.createdAt)}: ${num(d.newUnique)} new unique, ${num(d.duplicates)} duplicates`}</title>
              <rect
                className="chart-new"
                x={x}
                width={barW}
                y={y(d.newUnique)}
                height={Math.max(0, hNew)}
                rx={2}
              />
              <rect
                className="chart-dup"
                x={x}
                width={barW}
                y={y(d.newUnique + d.duplicates)}
                height={Math.max(0, hDup)}
                rx={2}
              />
              {i % labelEvery === 0 ? (
                <text className="chart-axis" x={x + barW / 2} y={H - 8} textAnchor="middle">
                  {label(d.createdAt)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch swatch-new" aria-hidden="true" /> New unique
        </span>
        <span>
          <i className="swatch swatch-dup" aria-hidden="true" /> Duplicates
        </span>
      </figcaption>
    </figure>
  );
}
