/** Ten digits shaped like a CPR number (DDMMYY-SSSS, hyphen optional), not part of a longer number. */
const CPR_LIKE = /(?<!\d)\d{6}-?\d{4}(?!\d)/g;

/**
 * Text with anything shaped like a CPR number blanked out, for what leaves the case file (an invitation) or
 * describes a search (the audit trail): CPR never appears there, even when someone typed it into free text.
 */
export function withoutCpr(text: string): string {
  return text.replace(CPR_LIKE, '••••••-••••');
}
