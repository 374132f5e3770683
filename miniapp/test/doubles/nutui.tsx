/** NutUI stand-ins: enough to see what the component was asked to show. */
export const Progress = ({ percent }: { percent?: number }) => (
  <div role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} />
);
