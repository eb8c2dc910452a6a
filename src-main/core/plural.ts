/** "1 export", "2 exports": counts in sentences the user reads (never "export(s)"). */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
