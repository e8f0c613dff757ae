// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../testing/render';
import { BarChart, ChartWithTable, LineChart } from './Charts';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

describe('the evaluation charts', () => {
  it('name themselves for screen readers with every value, and draw no bar for a hidden count', async () => {
    view = await render(
      <BarChart
        title="Underretninger"
        categories={['Underretninger', 'Undersøgelser']}
        series={[
          { name: 'Før', values: [12, null], shown: ['12', '<5'] },
          { name: 'Efter', values: [7, 6], shown: ['7', '6'] },
        ]}
      />,
    );
    const svg = view.container.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe('Underretninger. Underretninger: Før 12, Efter 7. Undersøgelser: Før <5, Efter 6.');
    expect(svg.querySelectorAll('rect')).toHaveLength(3);
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toContain('<5');
  });

  it('breaks the line where a quarter has no value', async () => {
    view = await render(<LineChart title="Vurderinger" labels={['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']} values={[3, null, 5, 6]} shown={['3', '<5', '5', '6']} max={10} />);
    const svg = view.container.querySelector('svg')!;
    expect(svg.querySelectorAll('path')).toHaveLength(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(3);
    expect(svg.getAttribute('aria-label')).toContain('2020-Q2: <5');
  });

  it('puts the table with the same numbers beside the chart, under one heading', async () => {
    view = await render(
      <ChartWithTable id="x" heading="Skolefravær" caption="Skolefravær i tal" chart={<p>diagram</p>}>
        <tbody>
          <tr>
            <td>12,0</td>
          </tr>
        </tbody>
      </ChartWithTable>,
    );
    const section = view.container.querySelector('section')!;
    expect(section.getAttribute('aria-labelledby')).toBe('x-heading');
    expect(section.querySelector('h2')!.textContent).toBe('Skolefravær');
    expect(section.querySelector('caption')!.textContent).toBe('Skolefravær i tal');
    expect(section.querySelector('[role="region"]')!.getAttribute('aria-labelledby')).toBe('x-caption');
  });
});
