// A module name that a layer must not import resolves here (see the layer tsconfigs' "paths"),
// and this file exports nothing, so any import from it fails the type-check: TS2305.
export {};
