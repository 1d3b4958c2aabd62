/**
 * Dark, light, or the system's preference: the choice is kept in localStorage, the
 * resolved theme is <html data-theme>, and the CSS variables in styles.css follow it.
 * Canvas drawings (uPlot axes, the projector) cannot use CSS variables directly: they
 * read them with themeColor() and listen with onThemeChange() to redraw.
 */
import { useEffect, useState } from 'react';

export type ThemeChoice = 'dark' | 'light' | 'system';
export type Theme = 'dark' | 'light';

export const THEME_CHOICES: { id: ThemeChoice; label: string }[] = [
  { id: 'dark', label: 'Dark' },
  { id: 'light', label: 'Light' },
  { id: 'system', label: 'System' },
];

const STORAGE_KEY = 'embedlab.theme';
const CHANGE_EVENT = 'embedlab:theme';
const lightQuery = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: light)') : null);

export function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'dark' || v === 'light' ? v : 'system';
  } catch {
    return 'system'; // storage refused (a locked-down profile): follow the system
  }
}

export function resolveTheme(choice: ThemeChoice): Theme {
  if (choice !== 'system') return choice;
  return lightQuery()?.matches ? 'light' : 'dark';
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

/** Sets <html data-theme> and tells canvas drawings when it changed. */
export function applyTheme(choice: ThemeChoice): Theme {
  const theme = resolveTheme(choice);
  const root = document.documentElement;
  root.dataset.themeChoice = choice;
  if (root.dataset.theme !== theme) {
    root.dataset.theme = theme;
    cache.clear();
    dispatchEvent(new CustomEvent(CHANGE_EVENT, { detail: theme }));
  }
  return theme;
}

export function chooseTheme(choice: ThemeChoice): Theme {
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not remembered, but applied for this page.
  }
  return applyTheme(choice);
}

/** Runs `listener` after every change of the resolved theme; returns the unsubscribe. */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  const handler = (e: Event): void => listener((e as CustomEvent<Theme>).detail);
  addEventListener(CHANGE_EVENT, handler);
  return () => removeEventListener(CHANGE_EVENT, handler);
}

const cache = new Map<string, string>();

/** A theme variable's value ("--plot-axis" → "#9aa7b4"), cached until the theme changes. */
export function themeColor(name: string, fallback = '#888888'): string {
  let v = cache.get(name);
  if (v === undefined) {
    v = getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
    cache.set(name, v);
  }
  return v;
}

/** Applies the stored choice now and follows the system's preference while the choice is "system". */
export function startTheme(): void {
  applyTheme(storedChoice());
  lightQuery()?.addEventListener('change', () => applyTheme(storedChoice()));
}

/** The resolved theme, re-rendering on change (for components that draw with it). */
export function useTheme(): Theme {
  const [theme, setTheme] = useState<Theme>(currentTheme);
  useEffect(() => {
    setTheme(currentTheme());
    return onThemeChange(setTheme);
  }, []);
  return theme;
}
