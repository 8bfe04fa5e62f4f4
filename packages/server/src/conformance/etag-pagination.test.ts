// The conformance checks of @bureau/conformance (the same code `bureau-conformance --url` runs against
// any backend), here against a fresh in-process reference server per suite.
import '@bureau/conformance/checks/etag-pagination';
import { useReferenceTargets } from './harness.js';

useReferenceTargets();
