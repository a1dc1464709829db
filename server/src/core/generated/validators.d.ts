// Types for the validators that scripts/gen-validators.mjs generates from schemas/.
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export const framework: GeneratedValidator;
export const rateCard: GeneratedValidator;
export const actuals: GeneratedValidator;
export const lintConfig: GeneratedValidator | undefined;
