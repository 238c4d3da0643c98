// Writes schemas/contract.schema.json from the meta-schema in src/contract/contract-meta-schema.ts (its one source):
//   node --import tsx scripts/write-contract-meta-schema.ts && npx biome format --write schemas
// test/unit/contract/contract-meta-schema.test.ts fails when the committed file says something else.
import { writeFileSync } from 'node:fs';
import { CONTRACT_META_SCHEMA } from '../src/contract/contract-meta-schema.ts';

const file = new URL('../schemas/contract.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(CONTRACT_META_SCHEMA, null, 2)}\n`);
process.stdout.write(`wrote ${file.pathname}\n`);
