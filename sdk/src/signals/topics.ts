/**
 * Task categories, for the capability-sweep signal: a prompt's category is the one whose words
 * it uses most. The lists name subjects and task kinds the way benchmark-like sets walk through
 * them (MMLU's subjects, coding, translation, maths word problems…), in English, German, French
 * and Spanish where the word differs. A prompt about none of them has no category.
 */
import { wordHash } from './words';

const CATEGORIES: readonly (readonly string[])[] = [
  ['math', 'mathematics', 'algebra', 'equation', 'integral', 'derivative', 'calculus', 'geometry', 'theorem', 'probability', 'mathematik', 'gleichung', 'mathématiques', 'équation', 'matemáticas', 'ecuación'],
  ['python', 'javascript', 'typescript', 'java', 'algorithm', 'function', 'compile', 'recursion', 'programming', 'programmieren', 'programmation', 'programación', 'algorithmus', 'algorithme', 'algoritmo'],
  ['translate', 'translation', 'übersetze', 'übersetzung', 'traduire', 'traduction', 'traducir', 'traducción', 'traduce'],
  ['chemistry', 'molecule', 'reaction', 'compound', 'chemie', 'chimie', 'química', 'molecular'],
  ['physics', 'velocity', 'momentum', 'quantum', 'gravity', 'physik', 'physique', 'física'],
  ['biology', 'cell', 'mitochondria', 'protein', 'gene', 'dna', 'evolution', 'biologie', 'biología', 'enzyme'],
  ['medicine', 'medical', 'diagnosis', 'patient', 'symptoms', 'clinical', 'medizin', 'médecine', 'medicina', 'dosage'],
  ['law', 'legal', 'statute', 'contract', 'court', 'jurisdiction', 'plaintiff', 'recht', 'droit', 'derecho', 'tort'],
  ['history', 'historical', 'century', 'empire', 'revolution', 'war', 'geschichte', 'histoire', 'historia'],
  ['geography', 'capital', 'continent', 'river', 'population', 'country', 'geographie', 'géographie', 'geografía'],
  ['economics', 'inflation', 'gdp', 'market', 'monetary', 'fiscal', 'wirtschaft', 'économie', 'economía'],
  ['philosophy', 'ethics', 'moral', 'kant', 'utilitarian', 'philosophie', 'filosofía', 'ética'],
  ['poem', 'poetry', 'story', 'haiku', 'sonnet', 'fiction', 'gedicht', 'poème', 'poema', 'cuento'],
  ['riddle', 'puzzle', 'logic', 'syllogism', 'rätsel', 'énigme', 'acertijo', 'deduce'],
  ['astronomy', 'planet', 'galaxy', 'star', 'orbit', 'astronomie', 'astronomía'],
  ['music', 'chord', 'melody', 'rhythm', 'composer', 'musik', 'musique', 'música'],
];

export const TOPIC_COUNT = CATEGORIES.length;

/** The hash of a lower-case word (words.ts) → its category's index. */
export const TOPIC_OF_WORD: ReadonlyMap<number, number> = new Map(CATEGORIES.flatMap((words, topic) => words.map((word) => [wordHash(word), topic] as const)));
