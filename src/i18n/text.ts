import { z } from 'zod';

/** Text shown to people that a council or a form definition provides: English always, Welsh where the council is bilingual. */
export const localisedText = z.object({ en: z.string().min(1), cy: z.string().min(1).optional() }).strict();
export type LocalisedText = z.infer<typeof localisedText>;
