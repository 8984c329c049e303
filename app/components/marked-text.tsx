/** Text with the words a search matched in <mark>; every part is escaped by React. */
export function MarkedText({ parts }: { parts: { text: string; mark: boolean }[] }) {
  return (
    <>
      {parts.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}
