import { useLab, useLabRedraws } from '../../state/lab2dStore';
import { BalanceGauge } from '../charts/BalanceMeter';
import { Lab2dField } from './Lab2dFields';

/** The digits mode's balance meter on setup A: D(x) and D(G(z)) smoothed, and the knobs that move them. */
export function LabBalance() {
  const history = useLab((s) => s.histories[0]);
  const version = useLabRedraws();
  const loss = useLab((s) => s.configs[0].loss);
  const knobs = (
    <>
      <Lab2dField index={0} k="dLearningRate" prefix="balance-" />
      <Lab2dField index={0} k="gLearningRate" prefix="balance-" />
      <Lab2dField index={0} k="dSteps" prefix="balance-" />
    </>
  );
  return <BalanceGauge history={history} version={version} loss={loss} knobs={knobs} />;
}
