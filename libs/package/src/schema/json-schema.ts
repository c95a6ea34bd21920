import { z } from 'zod';
import { blueprintSchema } from './blueprint.js';
import { configSchema } from './config.js';
import { packageMetadataSchema } from './package-metadata.js';

/**
 * JSON Schemas of the three documents, generated from the same zod definitions the validator
 * uses (for editors and other tools). They describe the camelCase form; rules that span several
 * fields (duplicate roles, hook flags...) exist only in the validator.
 */
export function packageJsonSchemas(): { packageJson: unknown; configJson: unknown; blueprint: unknown } {
  const options = { unrepresentable: 'any', io: 'input' } as const;
  return {
    packageJson: z.toJSONSchema(packageMetadataSchema, options),
    configJson: z.toJSONSchema(configSchema, options),
    blueprint: z.toJSONSchema(blueprintSchema, options),
  };
}
