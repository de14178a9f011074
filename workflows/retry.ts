/** Failure types no retry can fix (mirrors activities/shared/failures NON_RETRYABLE_ERROR_TYPES). */
export const NON_RETRYABLE = ['ValidationError', 'ApiError', 'FileError', 'ConfigurationError'];
