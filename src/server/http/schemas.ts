import { z } from 'zod';

/** The shape of every error answer. */
export const ErrorDto = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })),
    errorId: z.string().optional(),
  }),
});

export const errorResponses = {
  400: ErrorDto,
  401: ErrorDto,
  403: ErrorDto,
  404: ErrorDto,
  409: ErrorDto,
} as const;

export const OkDto = z.object({ ok: z.literal(true) });
