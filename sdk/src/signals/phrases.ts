/**
 * Phrase families that ask a model to show its reasoning, its hidden thoughts, or to grade
 * answers against a rubric — the prompts a distillation job sends at volume to copy a model's
 * reasoning. English, German, French and Spanish; matched on whole words, case-insensitively,
 * whatever punctuation sits between them (`step-by-step` is `step by step`).
 */
export const REASONING_PHRASES: Readonly<Record<'en' | 'de' | 'fr' | 'es', readonly string[]>> = {
  en: [
    'step by step', 'think carefully', 'show your reasoning', 'explain your reasoning', 'show your work',
    'chain of thought', 'reason through', 'walk me through your reasoning', 'your thought process', 'think out loud',
    'internal monologue', 'hidden reasoning', 'scratchpad', 'think before answering', 'reasoning trace',
    'grade the following', 'grade this answer', 'score the response', 'according to the rubric', 'using the rubric', 'rate the answer',
  ],
  de: ['schritt für schritt', 'denke laut', 'begründe deine antwort', 'zeige deinen gedankengang', 'dein gedankengang', 'denkprozess', 'bewerte die folgende antwort', 'nach dem bewertungsschema'],
  fr: ['étape par étape', 'explique ton raisonnement', 'expliquez votre raisonnement', 'montre ton raisonnement', 'montrez votre raisonnement', 'raisonne à voix haute', 'note la réponse', 'selon la grille'],
  es: ['paso a paso', 'explica tu razonamiento', 'muestra tu razonamiento', 'muestra tu trabajo', 'piensa en voz alta', 'cadena de pensamiento', 'califica la respuesta', 'según la rúbrica'],
};
