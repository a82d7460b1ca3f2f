/**
 * Runs in <head> before the first paint: applies the stored theme, or the system one, so a
 * dark-mode user never sees a white flash. The toggle writes the same localStorage key.
 */
export const THEME_STORAGE_KEY = 'theme';

export const themeScript = `(function(){try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');var d=t==='dark'||(t!=='light'&&window.matchMedia('(prefers-color-scheme: dark)').matches);document.documentElement.classList.toggle('dark',d);}catch(e){}})();`;
