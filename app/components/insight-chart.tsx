// A weekly trend drawn on the server as SVG: d3-scale places the points,
// d3-shape draws the line, React writes the <svg>. It is an image with a
// title and a description for screen readers, each point carries its value
// in a <title> (shown on hover), and the values are in a table beside it for
// anyone who cannot see the picture. No JavaScript is needed to read it.
// Only the insights page imports it, so no other page's bundle carries d3.
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import { useId } from "react";

export type ChartPoint = { label: string; value: number | null; text: string };

const WIDTH = 320;
const HEIGHT = 110;
const MARGIN = { top: 10, right: 8, bottom: 20, left: 8 };

export function InsightChart({ title, description, points, columnLabels }: {
  title: string;
  description: string;
  points: ChartPoint[];
  /** The table's two headers: the week, and the figure. */
  columnLabels: [string, string];
}) {
  const id = useId();
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const x = scalePoint<number>()
    .domain(points.map((_, i) => i))
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .padding(0.3);
  const y = scaleLinear()
    .domain([min, max === min ? min + 1 : max])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<ChartPoint>()
    .defined((p) => p.value !== null)
    .x((_, i) => x(i) ?? 0)
    .y((p) => y(p.value ?? 0))(points);
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <figure className="insight-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line className="insight-chart-axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} />
        {path ? <path className="insight-chart-line" d={path} fill="none" /> : null}
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle key={i} className="insight-chart-point" cx={x(i)} cy={y(p.value)} r={3}>
              <title>{`${p.label}: ${p.text}`}</title>
            </circle>
          ),
        )}
        {first ? (
          <text className="insight-chart-label" x={MARGIN.left} y={HEIGHT - 4} textAnchor="start">
            {first.label}
          </text>
        ) : null}
        {last && last !== first ? (
          <text className="insight-chart-label" x={WIDTH - MARGIN.right} y={HEIGHT - 4} textAnchor="end">
            {last.label}
          </text>
        ) : null}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{columnLabels[0]}</th>
            <th scope="col">{columnLabels[1]}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={i}>
              <th scope="row">{p.label}</th>
              <td>{p.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
