import { lifecycleCommand } from '../../cli/corridor-lifecycle.js';

export default lifecycleCommand('deprecate');
