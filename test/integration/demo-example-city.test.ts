import { describeDemoThroughPublication } from './support/demo-published.js';

// A second city's Measures as data alone (issue 15): the whole edition under
// resources/profiles/examples/example-city-2024.json — other quotas, notice, stage order and weights.
describeDemoThroughPublication('example-city-2024');
