/** Dark, light or the system's preference, in the navigation rail: three radio buttons, remembered. */
import { useState } from 'react';
import { THEME_CHOICES, chooseTheme, storedChoice, type ThemeChoice } from './theme.js';
import './theme.css';

export function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(storedChoice);
  const pick = (next: ThemeChoice): void => {
    setChoice(next);
    chooseTheme(next);
  };
  return (
    <fieldset className="theme-switch" data-testid="theme-switch">
      <legend>Theme</legend>
      <div className="theme-options">
        {THEME_CHOICES.map((c) => (
          <label key={c.id} className={`theme-option ${choice === c.id ? 'theme-chosen' : ''}`}>
            <input type="radio" name="theme" value={c.id} checked={choice === c.id} onChange={() => pick(c.id)} />
            {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
