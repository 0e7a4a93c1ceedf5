// The tests' secret key (fixed, and only ever protecting synthetic data): set for every test
// process and the CLI children they start, as an operator sets KARTLA_SECRET_KEY for PostgreSQL.
// Tests of key handling itself clear or replace it.

export const TEST_SECRET_KEY = '6b6172746c612d746573742d6b65792d6f6e6c792d666f722d74657374732121';

process.env.KARTLA_SECRET_KEY ??= TEST_SECRET_KEY;
