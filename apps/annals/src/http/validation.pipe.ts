import { ValidationPipe } from '@nestjs/common';
import { fieldProblems } from '@annals/contracts';
import { ValidationFailed } from './validation-failed.exception';

/** The one validation pipe: unknown fields refused, every problem reported, DTOs instantiated. */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailed(fieldProblems(errors)),
  });
