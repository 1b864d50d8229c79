/** A horizontal bar chart as SVG, readable without JavaScript and by screen readers (each bar has its text). */
import { html } from './html.ts'

export interface Bar {
  label: string
  value: number
}

export function barChart(title: string, bars: readonly Bar[]): string {
  // Drawn about as wide as it is shown (a third of a wide page, a phone's width), so its text reads at the page's size.
  const row = 20
  const labelWidth = 190
  const width = 430
  const max = Math.max(1, ...bars.map((bar) => bar.value))
  const height = bars.length * row + 8
  const rows = bars
    .map((bar, index) => {
      const y = index * row + 4
      const length = Math.max(2, Math.round(((width - labelWidth - 40) * bar.value) / max))
      const label = bar.label.length > 24 ? `${bar.label.slice(0, 23)}…` : bar.label
      return `<g class="bar"><title>${html(`${bar.label}: ${bar.value}`)}</title><text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${html(label)}</text><rect x="${labelWidth}" y="${y + 3}" width="${length}" height="${row - 6}" data-value="${bar.value}"></rect><text x="${labelWidth + length + 6}" y="${y + 15}">${bar.value}</text></g>`
    })
    .join('')
  return `<figure><figcaption>${html(title)}</figcaption><svg role="img" aria-label="${html(`${title}: ${bars.map((bar) => `${bar.label} ${bar.value}`).join(', ')}`)}" viewBox="0 0 ${width} ${height}" width="100%">${rows}</svg></figure>`
}
