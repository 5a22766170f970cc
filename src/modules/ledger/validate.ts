// Service inputs are validated the same way in every module.
export { validate } from '../../platform/validate.ts';
