/**
 * The shapes of "Report a problem" (part of the one contract in contract.ts): build the report
 * for the user to read, and save it as a new file. Nothing here sends anything anywhere.
 */
import { z } from 'zod';

/**
 * What the renderer may send back to save; the report builder keeps every report under it
 * (core/report REPORT_MAX_CHARS, the same number), and it fits the preview's 1 MB frames.
 */
export const MAX_REPORT_CHARS = 600_000;

export const ProblemReportShape = z.object({
  text: z.string(),
  fileName: z.string(),
  issueUrl: z.string(),
  redactions: z.number().int(),
});

export const SaveReportRequest = z.object({ text: z.string().min(1).max(MAX_REPORT_CHARS) }).strict();

export const SavedReportShape = z.object({ file: z.string() });
