import { cn } from '@/components/ui/cn';
import { controlClasses } from '@/components/ui/field';

/** The shared control look, stretched to its grid cell; `aria-invalid` turns the border red. */
export const filterControlClass = cn(controlClasses, 'w-full min-w-0');
