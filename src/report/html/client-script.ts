/**
 * The page's own script: draws every chart from the JSON in `#lockstep-charts` with the inlined Chart.js. Marks the
 * page `data-charts="done"` (or the error) so a viewer or a test knows when drawing ended.
 * @internal
 */
export const CLIENT_SCRIPT = `(() => {
  const root = document.documentElement;
  try {
    const specs = JSON.parse(document.getElementById('lockstep-charts').textContent);
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    for (const spec of specs) new Chart(document.getElementById(spec.id), spec.config);
    root.dataset.charts = 'done';
  } catch (error) {
    root.dataset.charts = 'error';
    console.error('lockstep report: charts could not be drawn:', error);
  }
})();`;
