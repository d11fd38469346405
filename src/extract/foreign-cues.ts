/**
 * Reporting verbs of other languages, for the one attribution shape every European press uses after a
 * quote: the inverted cue and the speaker ("« … », a déclaré Jean Dupont", "„…“, sagte Jutta Müller",
 * "“…”, dijo María López", "“…”, ha detto Marco Rossi"). The extractor's grammar is English; without
 * these, such a quote was taken for a quote-only paragraph and given the speaker before it (QA 6 B4).
 * Only forms that are no English words are listed ("so", "dice", "note", "lance", "assure" are left out).
 */

/** Finite forms that stand alone right after the quote: "sagte", "dijo", "déclare", "zei". */
export const FOREIGN_VERBS = new Set(
  (
    // French (present)
    'déclare dit affirme ajoute explique souligne estime indique précise répond confie martèle insiste rappelle avertit reconnaît écrit raconte poursuit conclut témoigne résume commente dénonce regrette déplore tranche ' +
    // German
    'sagte sagt erklärte erklärt betonte betont meinte meint ergänzte ergänzt schrieb schreibt twitterte warnte warnt kritisierte forderte antwortete fragte erläuterte unterstrich ' +
    // Spanish
    'dijo afirmó declaró señaló explicó aseguró añadió agregó indicó subrayó respondió advirtió sostuvo insistió manifestó apuntó comentó escribió expresó precisó afirma asegura explica señala añade agrega ' +
    // Italian (present)
    'afferma spiega aggiunge sottolinea commenta scrive risponde ribadisce dichiara ' +
    // Portuguese
    'disse afirmou declarou explicou acrescentou ressaltou destacou garantiu respondeu escreveu diz ' +
    // Dutch
    'zei zegt verklaarde schreef antwoordde benadrukte aldus'
  ).split(' '),
);

/** Participles after an auxiliary ("a déclaré", "ha detto", "ha dicho"): the auxiliary is given with them. */
export const FOREIGN_PARTICIPLES = new Map<string, ReadonlySet<string>>([
  ['a', new Set('déclaré dit affirmé ajouté expliqué souligné estimé indiqué assuré précisé répondu lancé confié martelé insisté rappelé averti reconnu tweeté écrit commenté raconté poursuivi conclu déploré regretté dénoncé fustigé jugé témoigné résumé annoncé promis'.split(' '))],
  ['ha', new Set('detto dichiarato affermato spiegato aggiunto sottolineato commentato scritto risposto ribadito assicurato precisato osservato avvertito concluso dicho afirmado declarado señalado explicado asegurado añadido agregado indicado subrayado respondido advertido escrito'.split(' '))],
]);

/** "according to" in other languages: "selon", "según", "secondo", "laut", "segundo", "volgens". */
export const FOREIGN_ACCORDING = /^(selon|según|secondo|laut|segundo|volgens)$/;

/** Subject pronouns after the verb ("sagte er", "dit-il", "a-t-elle ajouté") and the English one they agree as. */
export const FOREIGN_PRONOUNS = new Map<string, string>([
  ['il', 'he'], ['elle', 'she'], ['ils', 'they'], ['elles', 'they'],
  ['er', 'he'], ['sie', 'she'],
]);

/** Determiners opening a description after the verb ("le maire", "der Bürgermeister", "el alcalde"). */
export const FOREIGN_DETERMINERS = /^(le|la|les|l['’]\p{L}+|un|une|der|die|das|ein|eine|el|los|las|il|lo|gli|o|os|as|um|uma|de|het|een)$/u;
