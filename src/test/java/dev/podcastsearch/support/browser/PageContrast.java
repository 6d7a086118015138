package dev.podcastsearch.support.browser;

/** What the browser tests measure the page's contrast with (WCAG AA asks 4.5:1 of every text). */
public final class PageContrast {

    private PageContrast() {
    }

    /**
     * Each text element's WCAG contrast ratio against the first opaque background behind it, or the canvas; colours
     * as the browser computed them, so the colour scheme and the stylesheet's variables are applied.
     */
    public static final String SCRIPT = """
            () => {
              const probe = document.createElement('div');
              probe.style.backgroundColor = 'Canvas';
              document.body.append(probe);
              const canvas = getComputedStyle(probe).backgroundColor;
              probe.remove();
              const channels = colour => colour.match(/[\\d.]+/g).map(Number);
              const luminance = colour => {
                const [r, g, b] = channels(colour).slice(0, 3).map(value => {
                  value /= 255;
                  return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
              };
              const behind = element => {
                for (; element; element = element.parentElement) {
                  const colour = getComputedStyle(element).backgroundColor;
                  const parts = channels(colour);
                  if (parts.length < 4 || parts[3] > 0) return colour;
                }
                return canvas;
              };
              return Array.from(document.querySelectorAll('h1, h2, h3, p, li, label, a, button, input, select, summary, mark, time'))
                .filter(element => element.textContent.trim() || element.value)
                .map(element => {
                  const fore = luminance(getComputedStyle(element).color), back = luminance(behind(element));
                  return { what: element.tagName + ' ' + (element.textContent.trim() || element.value).slice(0, 30),
                           ratio: (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05) };
                });
            }""";
}
