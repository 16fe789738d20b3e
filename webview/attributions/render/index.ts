/** Every attribution renderer under one name per chart; each draws into a container and returns its svg. */
export { render as renderBar } from './bar';
export { render as renderBeeswarm } from './beeswarm';
export { render as renderWaterfall } from './waterfall';
export { render as renderForce } from './force';
export { render as renderDependence } from './dependence';
export { render as renderPdp } from './pdp';
export { render as renderImportance } from './importance';
export { render as renderLime } from './lime';
export { renderTable } from './table';
export { readPalette, valueColour, type RenderOptions } from '../../common/charts/chart';
