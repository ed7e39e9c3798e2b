import { HstRecordPath } from '../../../shared/hst/recording';
import { taskCommand } from './taskCommand';

export const { description, execute } = taskCommand('resume', HstRecordPath.RESUME, 'resumed');
