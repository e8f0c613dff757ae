import ExcelJS from 'exceljs';
import type { KpiTableRow } from '../../../shared/evaluation-dashboard.js';
import { SMALL_COUNT } from '../../../shared/suppression.js';

/** The columns of the KPI table download, in Danish (the downloads are for Danish Excel). */
export const KPI_TABLE_HEADER = ['Nøgle', 'Navn', 'Definition', 'n', 'Mål', 'Målets navn', 'Værdi', 'Små tal skjult'] as const;

type Cell = string | number | null;

function cells(r: KpiTableRow): Cell[] {
  return [r.key, r.label, r.definition, r.n, r.measure, r.measureLabel, r.value, r.suppressed ? 'ja' : 'nej'];
}

/** One CSV field: quoted when it holds the separator, a quote or a line break; a number as the raw number. */
function csvField(c: Cell): string {
  if (c === null) return '';
  const s = typeof c === 'number' ? String(c) : c;
  return /[;"\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The KPI table as CSV for Danish Excel: UTF-8 with a byte-order mark, `;` between fields, CRLF line ends. */
export function kpiTableCsv(rows: readonly KpiTableRow[]): string {
  const lines = [KPI_TABLE_HEADER as readonly Cell[], ...rows.map(cells)].map((line) => line.map(csvField).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The KPI table as an XLSX workbook: one sheet, a header row, numbers as numbers and "<5" as text. */
export async function kpiTableXlsx(rows: readonly KpiTableRow[], asOf: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Helhed';
  const sheet = workbook.addWorksheet('KPI');
  sheet.addRow([...KPI_TABLE_HEADER]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(cells(r));
  sheet.columns.forEach((col, i) => {
    col.width = [24, 30, 80, 8, 16, 30, 20, 14][i];
  });
  sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  const about = workbook.addWorksheet('Om tallene');
  about.addRow(['Evalueringsdato', asOf]);
  about.addRow(['Små tal', `Antal på 1–4 vises som "${SMALL_COUNT}", og andele og gennemsnit beregnet af dem er tomme (undtagen for analytikere).`]);
  about.getColumn(1).width = 18;
  about.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
