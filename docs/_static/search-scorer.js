/* Search ranking for the Service Guide (html_search_scorer in conf.py): Sphinx's default weights, plus
 * one rule. Sphinx scores a page by the single query word that matches it best, so for "new hub" every
 * page with "hub" in its title ties with "Start a new hub service" and the tie is broken alphabetically.
 * A result whose title holds every word of a query of several words (each as the start of a title
 * word, so "hub" also finds "hubs") now gets the title weight once more and comes first.
 */
var Scorer = {
  score: (result) => {
    const title = result[1].toLowerCase();
    const score = result[4];
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 1);
    if (words.length < 2) return score;
    const titleWords = title.split(/[^\p{L}\p{N}]+/u);
    const inTitle = (word) => titleWords.some((titleWord) => titleWord.startsWith(word));
    return words.every(inTitle) ? score + Scorer.title : score;
  },

  // Sphinx's defaults (sphinx/themes/basic/static/searchtools.js), unchanged.
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
