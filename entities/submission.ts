import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntitySchema, updatedAtTrigger } from './base-entity';
import { Activity } from './activity';
import { Conversation } from './conversation';
import { User } from './user';

/** A workspace's state; `not_started` (no workspace yet) has no row. */
export const submissionStatuses = ['in_progress', 'submitted', 'returned'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/**
 * A student's work on an individual activity: made with their workspace when they start,
 * one per activity and student. Submitted work is read-only for its student until it is
 * returned or unsubmitted.
 */
export const SubmissionSchema = defineEntity({
  name: 'Submission',
  tableName: 'submissions',
  extends: BaseEntitySchema,
  triggers: [updatedAtTrigger()],
  uniques: [{ name: 'submissions_activity_student_unique', properties: ['activity', 'student'] }],
  properties: {
    activity: () => p.manyToOne(Activity).deleteRule('cascade'),
    student: () => p.manyToOne(User).deleteRule('cascade').index(),
    /** The workspace. */
    conversation: () => p.oneToOne(Conversation).owner().unique().deleteRule('cascade'),
    status: p.enum(submissionStatuses).default('in_progress'),
    submittedAt: p.datetime().nullable(),
    returnedAt: p.datetime().nullable(),
    /** Submitted after the due date (or the student's extension). */
    late: p.boolean().default(false),
    /** A number out of the activity's `gradeOutOf`, or free text. */
    grade: p.string().length(100).nullable(),
    feedback: p.text().default(''),
    returnedBy: () => p.manyToOne(User).nullable().deleteRule('set null').index(),
  },
});

export class Submission extends SubmissionSchema.class {}
SubmissionSchema.setClass(Submission);
