/**
 * The widget names every cell sees without an import (prelude.ts): the core controls, layout,
 * `link`, `jslink`, `interact`, custom ES-module widgets (among them the network and time-series
 * views) and the model explorer.
 */
export { Widget, liveWidgets } from './widgets';
export type { Change, Observer, NbOutput, WidgetState } from './widgets';
export {
  Accordion,
  Button,
  Checkbox,
  Dropdown,
  FloatRangeSlider,
  FloatSlider,
  HBox,
  HTML,
  IntRangeSlider,
  IntSlider,
  Label,
  Layout,
  Output,
  Play,
  RadioButtons,
  Tab,
  Text,
  ToggleButton,
  ToggleButtons,
  VBox,
} from './widgets-controls';
export type { SliderOptions, SelectOptions, BoolOptions, TextOptions, BoxOptions, DOMOptions, PlayOptions } from './widgets-controls';
export { AnyWidget, interact, jslink, link } from './widgets-interact';
export type { Interactive, InteractSpec } from './widgets-interact';
export { NetworkView, TimeSeriesView } from './widgets-views';
export { explore, ensembleCall } from './widgets-explore';
export type { Explorer, ExploreOptions } from './widgets-explore';

/** The names the prelude preloads from this module. */
export const WIDGET_GLOBALS = [
  'Widget',
  'Accordion',
  'Button',
  'Checkbox',
  'Dropdown',
  'FloatRangeSlider',
  'FloatSlider',
  'HBox',
  'HTML',
  'IntRangeSlider',
  'IntSlider',
  'Label',
  'Layout',
  'Output',
  'Play',
  'RadioButtons',
  'Tab',
  'Text',
  'ToggleButton',
  'ToggleButtons',
  'VBox',
  'AnyWidget',
  'NetworkView',
  'TimeSeriesView',
  'interact',
  'jslink',
  'link',
  'explore',
] as const;
