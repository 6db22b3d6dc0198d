// A password must be long enough and not only digits.
export function passwordProblems(password) {
  const problems = [];
  if (password.length < 10) problems.push('shorter than 10 characters');
  if (/^\d+$/.test(password)) problems.push('only digits');
  return problems;
}
