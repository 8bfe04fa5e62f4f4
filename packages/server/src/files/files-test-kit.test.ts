// Not a test: helpers shared by the files tests (named *.test.ts so the build leaves it out; it has no tests).
// They live in the conformance kit, whose files checks use them too.
export * from '@bureau/conformance/uploads';
