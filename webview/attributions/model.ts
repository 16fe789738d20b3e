/** The attribution view models in one import: pure functions, no DOM, tested in Node. */
export * from './models/common';
export * from './models/bar';
export * from './models/beeswarm';
export * from './models/rowContributions';
export * from './models/waterfall';
export * from './models/force';
export * from './models/dependence';
export * from './models/pdp';
export * from './models/importance';
export * from './models/lime';
export * from './models/table';
