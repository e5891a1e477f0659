declare module 'asl-validator';
declare module 'dynalite';
